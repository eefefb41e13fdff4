// Remember the browser's time zone so pages can show times in it, and prefill zone fields.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  if (!zone) return;
  if (document.cookie.indexOf("tz=" + zone) === -1) {
    document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-detect-timezone]").forEach(function (input) {
      if (!input.value) input.value = zone;
    });
  });
})();
