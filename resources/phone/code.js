// The short typed address's page: the room code is exchanged for the phone page's address.
(function () {
  "use strict";
  var form = document.getElementById("code-form");
  var field = document.getElementById("code");
  var answer = document.getElementById("answer");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = field.value.replace(/\s+/g, "");
    if (!/^[0-9]{6}$/.test(code)) {
      answer.textContent = "The room code is the 6 digits on the board.";
      return;
    }
    answer.textContent = "Checking…";
    fetch("/join?code=" + encodeURIComponent(code), { cache: "no-store", credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(function (reply) {
        if (reply.path) {
          location.replace(reply.path);
        } else {
          answer.textContent = reply.text;
        }
      })
      .catch(function () { answer.textContent = "The board cannot be reached: check the Wi-Fi and try again."; });
  });
}());
