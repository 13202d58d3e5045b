// The scenarios, in the order they run. Each opens its own copy of a fixture workspace in its
// own browser context, so one scenario's edits or failure cannot leak into the next.
module.exports = {
  scenarios: [
    require("./problems-panel"),
    require("./quick-fix"),
    require("./policy-findings"),
    require("./typing-clears"),
    require("./server-restart"),
    ...require("./builder"),
    require("./context-map"),
  ],
};
