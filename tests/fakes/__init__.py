"""Local fakes of external services, real HTTP servers on 127.0.0.1 for provider tests."""

from ._server import FakeServer, ManualClock, Recorded, Reply
from .bbb_fake import BBBFake
from .zoom_fake import ZoomFake

__all__ = ["BBBFake", "FakeServer", "ManualClock", "Recorded", "Reply", "ZoomFake"]
