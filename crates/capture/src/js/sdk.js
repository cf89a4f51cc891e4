// Stand-in for the OpenAI Ads SDK, served locally in place of the real one. It sends nothing:
// it installs a no-op `oaiq` that the capture's wrapper records, and leaves the snippet's
// queued calls on it as `queued`, which the capture records once this script has run (on its
// `load` event, so nothing on `window` lets a page trigger that).
(function () {
  var previous = window.oaiq;
  var sdk = function oaiq() {};
  sdk.q = [];
  sdk.loaded = true;
  sdk.queued = (previous && previous.q) || [];
  window.oaiq = sdk;
})();
