/*
 * ILL Bridge console: sends the session's CSRF token with every state-changing request the
 * console page makes. The token comes from <meta name="csrf-token">, which the server puts in
 * each console page.
 *
 * - XMLHttpRequest: patched at the prototype, which covers jQuery's $.ajax/$.post used by the
 *   built-in console pages (a jQuery ajaxSend hook as well would set the header twice).
 * - fetch: wrapped.
 * - HTML forms: a hidden _csrf field, added on submit, on form.submit() (which fires no submit
 *   event; jQuery's $(form).submit() ends there) and to every form present at load.
 * Only requests to this page's own origin get the token.
 */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!meta) {
    return;
  }
  var token = meta.getAttribute('content');
  var HEADER = 'X-CSRF-Token';
  var FIELD = '_csrf';
  var SAFE = /^(GET|HEAD|OPTIONS|TRACE)$/i;

  function sameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  function needsToken(method, url) {
    return !SAFE.test(method || 'GET') && sameOrigin(url);
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.illbridgeCsrf = needsToken(method, url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.illbridgeCsrf) {
      this.setRequestHeader(HEADER, token);
    }
    return send.apply(this, arguments);
  };

  if (window.fetch) {
    var originalFetch = window.fetch;
    window.fetch = function (input, init) {
      var isRequest = typeof Request !== 'undefined' && input instanceof Request;
      var method = (init && init.method) || (isRequest ? input.method : 'GET');
      var url = isRequest ? input.url : String(input);
      if (needsToken(method, url)) {
        init = Object.assign({}, init);
        var headers = new Headers(init.headers || (isRequest ? input.headers : undefined));
        headers.set(HEADER, token);
        init.headers = headers;
      }
      return originalFetch.call(this, input, init);
    };
  }

  function addField(form) {
    if (!form || String(form.method).toLowerCase() !== 'post' || !sameOrigin(form.action)) {
      return;
    }
    var field = form.querySelector('input[name="' + FIELD + '"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'hidden';
      field.name = FIELD;
      form.appendChild(field);
    }
    field.value = token;
  }

  document.addEventListener('submit', function (event) {
    addField(event.target);
  }, true);

  var submit = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function () {
    addField(this);
    return submit.apply(this, arguments);
  };

  function addToAllForms() {
    Array.prototype.forEach.call(document.forms, addField);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', addToAllForms);
  } else {
    addToAllForms();
  }
})();
