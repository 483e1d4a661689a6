// Check-in: read the QR code with the camera where the browser has BarcodeDetector; search always works without it.
(function () {
  "use strict";
  var button = document.getElementById("scan");
  var help = document.getElementById("scan-help");
  var video = document.getElementById("camera");
  var form = document.getElementById("find");
  var input = document.getElementById("q");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !button) {
    return;
  }
  button.hidden = false;
  help.hidden = false;
  var stream = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    video.hidden = true;
  }

  function found(value) {
    stop();
    input.value = value.trim();
    form.submit();
  }

  function scan(detector) {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        found(codes[0].rawValue);
      } else {
        window.setTimeout(function () { scan(detector); }, 250);
      }
    }).catch(function () {
      window.setTimeout(function () { scan(detector); }, 500);
    });
  }

  button.addEventListener("click", function () {
    if (stream) {
      stop();
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      return video.play();
    }).then(function () { scan(detector); }).catch(function () {
      stop();
      input.focus();
    });
  });
})();
