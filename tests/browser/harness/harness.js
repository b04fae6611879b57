/* A minimal LMS for the browser tests: scorm-again's real API object
 * (Scorm12API or Scorm2004API) on window.API / window.API_1484_11, the SCO
 * in a same-origin iframe.  What the SCO commits is kept in sessionStorage;
 * when the page is loaded again the API is re-initialised from it, as an LMS
 * relaunching the same attempt would: the attempt's data back, cmi entry
 * "resume" if the SCO exited with "suspend". */
(function () {
  'use strict';
  var q = new URLSearchParams(location.search);
  var v = q.get('v') === '2004' ? '2004' : '12';
  var sco = q.get('sco') || '/site/index.html';
  var KEY = 'tiku-harness:' + v + ':' + sco;

  var settings = { autocommit: false, logLevel: 5, lmsCommitUrl: false };
  var api = v === '12' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  var calls = [];
  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }

  // What the LMS hands back on relaunch.  Write-only and session elements
  // (exit, session_time) are not handed back; entry follows the last exit.
  function relaunchData(cmi) {
    var out = JSON.parse(JSON.stringify(cmi));
    if (v === '12') {
      var core = out.core || {};
      var exit = core.exit;
      delete core.exit; delete core.session_time; delete core.total_time;
      core.entry = exit === 'suspend' ? 'resume' : '';
      out.core = core;
    } else {
      var exit2 = out.exit;
      delete out.exit; delete out.session_time; delete out.total_time;
      out.entry = exit2 === 'suspend' ? 'resume' : '';
    }
    return out;
  }
  if (saved && saved.cmi) {
    var data = relaunchData(saved.cmi);
    api.loadFromJSON(data);
  } else {
    if (v === '12') {
      api.cmi.core.student_id = 'learner-1';
      api.cmi.core.student_name = 'Test, Learner';
    } else {
      api.cmi.learner_id = 'learner-1';
      api.cmi.learner_name = 'Learner Test';
    }
  }

  function persist(why) {
    try {
      var cmi = api.renderCMIToJSONObject().cmi;
      sessionStorage.setItem(KEY, JSON.stringify({ cmi: cmi, why: why, at: Date.now() }));
    } catch (e) {
      calls.push(['harness-error', String(e)]);
    }
  }
  var names = v === '12'
    ? { init: 'LMSInitialize', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish' }
    : { init: 'Initialize', set: 'SetValue', commit: 'Commit', finish: 'Terminate' };
  api.on(names.init, function () { calls.push([names.init]); status('initialised'); });
  api.on(names.set + '.cmi.*', function (el, value) { calls.push([names.set, el, value]); });
  api.on(names.commit, function () { calls.push([names.commit]); persist('commit'); });
  api.on(names.finish, function () { calls.push([names.finish]); persist('finish'); status('finished'); });

  if (v === '12') window.API = api; else window.API_1484_11 = api;

  function status(s) { var e = document.getElementById('status'); if (e) e.textContent = s; }

  window.harness = {
    version: v,
    api: api,
    calls: calls,
    relaunched: !!saved,
    savedCmi: saved && saved.cmi,
    // the CMI as plain data (write-only elements included), for the tests
    cmi: function () { return api.renderCMIToJSONObject().cmi; },
    initialized: function () { return api.isInitialized(); },
    terminated: function () { return api.isTerminated(); },
    lastError: function () { return v === '12' ? api.LMSGetLastError() : api.GetLastError(); },
    // the LMS closes the SCO: its page unloads (pagehide) and should finish
    unloadSco: function () { document.getElementById('sco').src = 'about:blank'; },
    forget: function () { sessionStorage.removeItem(KEY); }
  };

  window.addEventListener('DOMContentLoaded', function () {
    document.getElementById('sco').src = sco;
  });
})();
