// Stand-in for the OpenAI Ads SDK, served locally in place of the real one. It sends nothing:
// it replays the snippet's queued calls into the capture and installs a no-op `oaiq` that the
// capture's wrapper records.
(function () {
  var registry = window["@@REGISTRY@@"];
  var previous = window.oaiq;
  var queue = previous && previous.q;
  if (registry && queue) registry.replay(queue);
  var sdk = function oaiq() {};
  sdk.q = [];
  sdk.loaded = true;
  window.oaiq = sdk;
})();
