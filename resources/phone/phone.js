// The phone page: follows the board's rounds over one WebSocket, reconnecting by itself (with a
// growing pause, and at once when the phone wakes or comes back online). Each round, the phone
// makes a fresh random token (kept in sessionStorage for that round only, so rounds cannot be
// linked) and keeps its place and its vote under it. "Your vote is in" only once the server says
// the vote is saved.
(function () {
  "use strict";

  var FIRST_PAUSE = 500;
  var LONGEST_PAUSE = 10000;
  var HELLO_WAIT = 4000; // a wakened phone's socket must answer this fast, or is opened again
  var ACK_WAIT = 8000; // a vote not acknowledged by then is said to be unconfirmed

  var socket = null;
  var pause = FIRST_PAUSE;
  var retry = null;
  var helloTimer = null;
  var round = null; // the open round's message
  var vote = null; // this phone's saved level in the round
  var sending = null; // the level sent, not yet saved
  var ackTimer = null;
  var memory = {}; // where sessionStorage is refused (some private modes)

  var here = location.pathname.replace(/[^/]*$/, "");
  var address = "ws://" + location.host + here + "ws";

  function $(id) { return document.getElementById(id); }

  function stored(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return memory[key] || null; }
  }
  function store(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { memory[key] = value; }
  }

  function freshToken() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function tokenFor(roundId) {
    var key = "mw.phone." + roundId;
    var token = stored(key);
    if (!token) {
      token = freshToken();
      store(key, token);
    }
    return token;
  }

  function show(id) {
    ["connecting", "waiting", "full", "vote", "revealed"].forEach(function (screen) {
      $(screen).hidden = screen !== id;
    });
  }

  function say(text) { $("status").textContent = text; }

  function levelLabel(level) {
    if (!round) { return String(level); }
    for (var i = 0; i < round.levels.length; i++) {
      if (round.levels[i].level === level) { return level + " " + round.levels[i].name; }
    }
    return String(level);
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function renderLevels() {
    var list = $("levels");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    round.levels.forEach(function (level) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "level";
      button.setAttribute("data-level", String(level.level));
      var mark = document.createElement("span");
      mark.className = "mark";
      mark.setAttribute("aria-hidden", "true");
      var words = document.createElement("span");
      words.className = "words";
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = level.level + " " + level.name;
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = level.text;
      words.appendChild(name);
      words.appendChild(text);
      button.appendChild(mark);
      button.appendChild(words);
      button.addEventListener("click", function () { choose(level.level); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function renderChoice() {
    var buttons = $("levels").querySelectorAll("button.level");
    for (var i = 0; i < buttons.length; i++) {
      var level = Number(buttons[i].getAttribute("data-level"));
      var chosen = level === vote && sending === null;
      buttons[i].classList.toggle("chosen", chosen);
      buttons[i].classList.toggle("sending", level === sending);
      buttons[i].setAttribute("aria-pressed", chosen ? "true" : "false");
      buttons[i].querySelector(".mark").textContent = chosen ? "✓" : level === sending ? "…" : "";
    }
  }

  function showRevealed() {
    $("revealed-words").textContent = round.words || "";
    $("revealed-mine").textContent = vote === null ? "This phone did not vote in this round."
      : "This phone voted " + levelLabel(vote) + ".";
    show("revealed");
  }

  function onRound(message) {
    var same = round && round.round === message.round;
    round = message;
    if (!same) {
      vote = null;
      sending = null;
    }
    $("practice").textContent = message.practice.name;
    $("named").hidden = !message.named;
    $("anonymous").hidden = message.named;
    renderLevels();
    renderChoice();
    if (message.state === "revealed") {
      showRevealed();
    } else {
      say("");
      show("vote");
    }
    send({ type: "join", round: message.round, phone: tokenFor(message.round) });
  }

  function onJoined(message) {
    if (!round || message.round !== round.round) { return; }
    vote = message.vote;
    sending = null;
    if (message.name) {
      $("name").value = message.name;
      $("name").readOnly = true;
    } else if (round.named) {
      $("name").readOnly = false;
      $("name").value = $("name").value || stored("mw.name") || "";
    }
    renderChoice();
    if (round.state === "revealed") {
      showRevealed();
      return;
    }
    say(vote === null ? "" : "Your vote is in: " + levelLabel(vote) + ". Tap another level to change it.");
  }

  function choose(level) {
    if (!round || round.state !== "open") { return; }
    var message = { type: "vote", round: round.round, practice: round.practice.id, level: level };
    if (round.named) {
      var name = $("name").value.replace(/\s+/g, " ").trim();
      if (!name) {
        say("Type your name first: names are kept in this round.");
        $("name").focus();
        return;
      }
      store("mw.name", name);
      message.name = name;
    }
    if (!send(message)) {
      say("Not connected: your vote was not sent. Reconnecting…");
      return;
    }
    sending = level;
    renderChoice();
    say("Sending your vote…");
    clearTimeout(ackTimer);
    ackTimer = setTimeout(function () {
      if (sending !== level) { return; }
      sending = null;
      renderChoice();
      say("Your vote was not confirmed: tap it again.");
    }, ACK_WAIT);
  }

  function onMessage(event) {
    clearTimeout(helloTimer);
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (message.type === "waiting") {
      round = null;
      vote = null;
      sending = null;
      show("waiting");
    } else if (message.type === "round") {
      onRound(message);
    } else if (message.type === "joined") {
      onJoined(message);
    } else if (message.type === "full") {
      $("full-text").textContent = message.text;
      show("full");
    } else if (message.type === "ack" && round && message.round === round.round) {
      vote = message.level;
      sending = null;
      store("mw.vote." + message.round, String(message.level));
      $("name").readOnly = round.named;
      renderChoice();
      say("Your vote is in: " + levelLabel(vote) + ". Tap another level to change it.");
    } else if (message.type === "refused") {
      sending = null;
      renderChoice();
      say(message.text);
    } else if (message.type === "revealed" && round && message.round === round.round) {
      round.state = "revealed";
      round.words = message.words;
      sending = null;
      showRevealed();
    }
  }

  function linkState(up) {
    $("link").textContent = up ? "Connected" : "Reconnecting…";
    $("link").classList.toggle("lost", !up);
  }

  function connect() {
    clearTimeout(retry);
    retry = null;
    var opened = new WebSocket(address);
    socket = opened;
    opened.onopen = function () {
      pause = FIRST_PAUSE;
      linkState(true);
    };
    opened.onmessage = onMessage;
    opened.onclose = function () {
      if (socket !== opened) { return; }
      socket = null;
      linkState(false);
      if (sending !== null) {
        sending = null;
        renderChoice();
        say("The connection dropped before your vote was saved: tap it again once connected.");
      }
      later();
    };
  }

  function later() {
    if (retry !== null) { return; }
    var wait = pause + Math.random() * pause / 2;
    pause = Math.min(pause * 2, LONGEST_PAUSE);
    retry = setTimeout(connect, wait);
  }

  function wake() {
    if (document.hidden) { return; }
    if (socket && socket.readyState === WebSocket.OPEN) {
      // after a sleep the socket may be dead without knowing it: it must answer, or is replaced
      clearTimeout(helloTimer);
      send({ type: "hello" });
      var stale = socket;
      helloTimer = setTimeout(function () {
        if (socket !== stale) { return; }
        socket = null;
        stale.onclose = null;
        stale.close();
        linkState(false);
        connect();
      }, HELLO_WAIT);
    } else if (!socket || socket.readyState === WebSocket.CLOSED) {
      pause = FIRST_PAUSE;
      connect();
    }
  }

  document.addEventListener("visibilitychange", wake);
  window.addEventListener("online", wake);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { wake(); } });
  linkState(false);
  $("link").textContent = "Connecting…";
  connect();
}());
