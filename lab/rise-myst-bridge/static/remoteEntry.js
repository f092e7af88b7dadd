// ca-course-rise-bridge: a hand-written JupyterLab federated extension with no plugins.
//
// jupyterlab-rise shows a slideshow in its own small application page, which does not
// provide some JupyterLab packages that other extensions import: jupyterlab-myst needs
// @jupyterlab/markdownviewer (for an optional token) and @jupyterlab/attachments (the
// resolver of a markdown cell's attachments); the widget manager needs @jupyterlab/console
// and others for optional tokens. Without them neither extension loads there, and the
// slides show MyST markup raw (https://github.com/jupyterlab-contrib/rise/issues/46).
//
// When the page's shared scope lacks one of these packages, this container adds a stand-in:
// AttachmentsResolver is reimplemented below (as in @jupyterlab/attachments 4.x); any other
// export is a token nobody provides, so the optional dependency is simply absent.
// In JupyterLab itself the real packages are already shared and nothing is added.
(function () {
  "use strict";
  var NAME = "ca-course-rise-bridge";
  var VERSION = "4.99.0";
  var PREFIX = "attachment:";

  function AttachmentsResolver(options) {
    this._parent = options.parent || null;
    this._model = options.model;
  }
  AttachmentsResolver.prototype.resolveUrl = function (url) {
    return this._parent && !url.startsWith(PREFIX) ? this._parent.resolveUrl(url)
                                                    : Promise.resolve(url);
  };
  AttachmentsResolver.prototype.getDownloadUrl = function (path) {
    if (this._parent && !path.startsWith(PREFIX)) { return this._parent.getDownloadUrl(path); }
    var attachment = this._model && this._model.get(path.slice(PREFIX.length));
    if (!attachment) { return Promise.resolve(path); }
    var data = attachment.data || {};
    var mime = Object.keys(data)[0];
    return Promise.resolve(mime ? "data:" + mime + ";base64," + data[mime] : path);
  };
  AttachmentsResolver.prototype.isLocal = function (url, allowRoot) {
    if (this._parent && !url.startsWith(PREFIX) && this._parent.isLocal) {
      return this._parent.isLocal(url, allowRoot);
    }
    return true;
  };
  AttachmentsResolver.prototype.resolvePath = function (path) {
    if (this._parent && !path.startsWith(PREFIX) && this._parent.resolvePath) {
      return this._parent.resolvePath(path);
    }
    return Promise.resolve(null);
  };

  // Packages to stand in for, with the exports that must be real code.
  var PACKAGES = {
    "@jupyterlab/attachments": { AttachmentsResolver: AttachmentsResolver },
    "@jupyterlab/markdownviewer": {},
    "@jupyterlab/console": {},
    "@jupyterlab/mainmenu": {},
    "@jupyterlab/logconsole": {}
  };

  function pickCoreutils(scope) {
    var versions = scope["@lumino/coreutils"] || {};
    var keys = Object.keys(versions).sort();
    return keys.length ? versions[keys[keys.length - 1]] : null;
  }

  function standIn(name, Token) {
    var tokens = {};
    var real = PACKAGES[name];
    return new Proxy({}, {
      get: function (target, prop) {
        if (prop === "__esModule") { return true; }
        if (Object.prototype.hasOwnProperty.call(real, prop)) { return real[prop]; }
        if (typeof prop !== "string" || prop === "then" || prop === "default") {
          return undefined;
        }
        if (!tokens[prop]) {
          tokens[prop] = Token ? new Token(name + ":" + prop)
                               : { name: name + ":" + prop };
        }
        return tokens[prop];
      }
    });
  }

  var container = {
    init: function (scope) {
      var coreutils = pickCoreutils(scope);
      var tokenClass = coreutils
        ? Promise.resolve(coreutils.get()).then(function (f) { return f().Token; })
        : Promise.resolve(null);
      Object.keys(PACKAGES).forEach(function (name) {
        if (scope[name] && Object.keys(scope[name]).length) { return; }
        scope[name] = {};
        scope[name][VERSION] = {
          from: NAME,
          eager: false,
          get: function () {
            return tokenClass.then(function (Token) {
              var module = standIn(name, Token);
              return function () { return module; };
            });
          }
        };
      });
      return Promise.resolve();
    },
    get: function (module) {
      return Promise.resolve(function () { return { __esModule: true, default: [] }; });
    }
  };
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = container;
})();
