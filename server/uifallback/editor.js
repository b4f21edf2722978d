// newsgraph: the plain text editor Cayley's web UI gets when Monaco is not installed.
//
// The UI loads Monaco with an AMD loader (this file's URL) and then runs
// require(['vs/editor/editor.main'], callback), after which it uses window.monaco. This
// file stands in for the loader: it defines window.monaco as a small shim whose editors
// are <textarea>s, with the few methods the UI calls. Ctrl+Enter runs the query, as in
// Monaco. For the full editor: npm ci --prefix ui (see the README).
(function () {
  "use strict";

  var KeyMod = { CtrlCmd: 2048, Shift: 1024, Alt: 512, WinCtrl: 256 };
  var KeyCode = { Enter: 3 };
  var noted = false;

  function disposable(f) {
    return { dispose: f || function () {} };
  }

  function create(container, options) {
    options = options || {};
    var ta = document.createElement("textarea");
    ta.className = "newsgraph-plain-editor";
    ta.setAttribute("spellcheck", "false");
    ta.setAttribute("autocomplete", "off");
    ta.setAttribute("aria-label", "query editor");
    ta.value = options.value == null ? "" : String(options.value);
    ta.readOnly = !!options.readOnly;
    ta.style.cssText =
      "display:block;width:100%;height:100%;min-height:8em;box-sizing:border-box;margin:0;" +
      "padding:6px 8px;border:1px solid #ccc;border-radius:2px;resize:vertical;" +
      "font:13px/1.45 Menlo,Consolas,'DejaVu Sans Mono',monospace;tab-size:2;" +
      (ta.readOnly ? "background:#fafafa;color:#222;" : "background:#fff;");
    container.appendChild(ta);
    if (!ta.readOnly && !noted) {
      noted = true;
      var note = document.createElement("div");
      note.className = "newsgraph-plain-editor-note";
      note.style.cssText = "font:12px sans-serif;color:#777;margin:2px 0 0";
      note.textContent =
        "Plain editor (Ctrl+Enter runs the query). For the full editor, install its assets: npm ci --prefix ui";
      if (container.parentNode && container.parentNode.parentNode) {
        container.parentNode.parentNode.insertBefore(note, container.parentNode.nextSibling);
      }
    }

    var changeListeners = [];
    var actions = [];
    function changed() {
      changeListeners.slice().forEach(function (f) {
        f({});
      });
    }
    ta.addEventListener("input", changed);
    ta.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        actions.forEach(function (a) {
          if (a.keybindings && a.keybindings.length) a.run(editor);
        });
      } else if (e.key === "Tab" && !e.shiftKey && !ta.readOnly) {
        e.preventDefault();
        var s = ta.selectionStart;
        ta.value = ta.value.slice(0, s) + "  " + ta.value.slice(ta.selectionEnd);
        ta.selectionStart = ta.selectionEnd = s + 2;
        changed();
      }
    });

    var model = {
      getValue: function () {
        return ta.value;
      },
      setValue: function (v) {
        editor.setValue(v);
      },
      getFullModelRange: function () {
        return { startLineNumber: 1, startColumn: 1, endLineNumber: Infinity, endColumn: Infinity };
      },
      getLanguageId: function () {
        return options.language;
      },
      dispose: function () {},
    };

    var editor = {
      getValue: function () {
        return ta.value;
      },
      setValue: function (v) {
        ta.value = v == null ? "" : String(v);
        changed();
      },
      executeEdits: function (source, edits) {
        (edits || []).forEach(function (e) {
          ta.value = e.text == null ? "" : String(e.text);
        });
        changed();
        return true;
      },
      pushUndoStop: function () {
        return true;
      },
      getModel: function () {
        return model;
      },
      setScrollPosition: function (p) {
        if (p && typeof p.scrollTop === "number") ta.scrollTop = p.scrollTop;
      },
      updateOptions: function (o) {
        if (o && "readOnly" in o) ta.readOnly = !!o.readOnly;
      },
      layout: function () {},
      focus: function () {
        ta.focus();
      },
      getDomNode: function () {
        return ta;
      },
      addAction: function (a) {
        actions.push(a);
        return disposable(function () {
          actions = actions.filter(function (x) {
            return x !== a;
          });
        });
      },
      addCommand: function () {
        return null;
      },
      onDidChangeModelContent: function (f) {
        changeListeners.push(f);
        return disposable(function () {
          changeListeners = changeListeners.filter(function (x) {
            return x !== f;
          });
        });
      },
      dispose: function () {
        if (ta.parentNode) ta.parentNode.removeChild(ta);
        changeListeners = [];
        actions = [];
      },
    };
    return editor;
  }

  var defaults = {
    setCompilerOptions: function () {},
    setDiagnosticsOptions: function () {},
    addExtraLib: function () {
      return disposable();
    },
  };

  var monaco = {
    newsgraphPlainEditor: true,
    KeyMod: KeyMod,
    KeyCode: KeyCode,
    editor: {
      create: create,
      setModelLanguage: function () {},
      setTheme: function () {},
      defineTheme: function () {},
      getModels: function () {
        return [];
      },
    },
    languages: {
      register: function () {},
      setMonarchTokensProvider: function () {},
      typescript: {
        javascriptDefaults: defaults,
        typescriptDefaults: defaults,
        ScriptTarget: { ES3: 0, ES5: 1, ES2015: 2, Latest: 99 },
      },
    },
  };

  function require(deps, callback) {
    window.monaco = monaco;
    if (typeof callback === "function") setTimeout(callback, 0);
  }
  require.config = function () {};
  window.require = require;
})();
