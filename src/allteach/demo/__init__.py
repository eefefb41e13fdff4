"""Demo data: a superhub, two hubs, four programs and 200 participants (`allteach demo`)."""
