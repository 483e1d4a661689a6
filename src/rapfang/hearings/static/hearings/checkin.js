// Check-in: read the QR code with the camera. BarcodeDetector reads it in the browser where there is one; elsewhere
// frames go one at a time to the site's scan endpoint. Search always works without either.
(function () {
  "use strict";
  var button = document.getElementById("scan");
  var help = document.getElementById("scan-help");
  var serverNote = document.getElementById("scan-server");
  var video = document.getElementById("camera");
  var form = document.getElementById("find");
  var input = document.getElementById("q");
  var FRAME_SIDE = 800;
  var FRAME_GAP = 300;
  if (!button || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var hasDetector = "BarcodeDetector" in window;
  if (!hasDetector && !(window.fetch && window.FormData && button.dataset.scanUrl)) {
    return;
  }
  button.hidden = false;
  help.hidden = false;
  serverNote.hidden = hasDetector;
  var stream = null;
  var active = false;
  var run = 0; // a new number each time the camera starts: answers to an earlier run are dropped
  var canvas = document.createElement("canvas");

  function stop() {
    active = false;
    run += 1;
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    video.hidden = true;
  }

  function giveUp() {
    stop();
    input.focus();
  }

  function found(value) {
    stop();
    input.value = value.trim();
    form.submit();
  }

  function scan(detector, mine) {
    if (mine !== run) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        found(codes[0].rawValue);
      } else {
        window.setTimeout(function () { scan(detector, mine); }, 250);
      }
    }).catch(function () {
      window.setTimeout(function () { scan(detector, mine); }, 500);
    });
  }

  function frame(callback) {
    var scale = Math.min(1, FRAME_SIDE / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(callback, "image/jpeg", 0.8);
  }

  function send(blob) {
    var body = new FormData();
    body.append("frame", blob, "frame.jpg");
    return window.fetch(button.dataset.scanUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": button.dataset.csrfToken },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("scan answered " + response.status);
      }
      return response.json();
    });
  }

  // One request in flight at a time; the next frame is taken FRAME_GAP ms after the answer.
  function scanOnServer(mine) {
    if (mine !== run) {
      return;
    }
    if (!video.videoWidth) {
      window.setTimeout(function () { scanOnServer(mine); }, FRAME_GAP);
      return;
    }
    frame(function (blob) {
      if (mine !== run) {
        return;
      }
      if (!blob) {
        giveUp();
        return;
      }
      send(blob).then(function (answer) {
        if (mine !== run) {
          return;
        }
        if (answer.found) {
          found(answer.found);
        } else {
          window.setTimeout(function () { scanOnServer(mine); }, FRAME_GAP);
        }
      }).catch(function () {
        if (mine === run) {
          giveUp();
        }
      });
    });
  }

  function reader() {
    if (hasDetector) {
      try {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        return function (mine) { scan(detector, mine); };
      } catch (error) {
        serverNote.hidden = false; // no QR support in this BarcodeDetector: the site reads the frames instead
      }
    }
    return button.dataset.scanUrl ? scanOnServer : null;
  }

  button.addEventListener("click", function () {
    if (active) {
      stop();
      return;
    }
    var read = reader();
    if (!read) {
      giveUp();
      return;
    }
    active = true;
    var mine = run;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
      if (mine !== run) {
        media.getTracks().forEach(function (track) { track.stop(); });
        return;
      }
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      return video.play().then(function () { read(mine); });
    }).catch(giveUp);
  });
})();
