// When the screen shows a question that was just sent. The network goes first: the question's
// write, and after it the model request, are dispatched before React renders the pending question,
// so the render and its frame overlap the wait for the model instead of delaying the request.
// The user still sees the question within a deadline, even when the write is slow.

export interface Feedback {
  /** The question is saved and the next request is being dispatched: show it after this task. */
  ready(): void;
  /** Show it now (the send ended or failed before `ready`). */
  now(): void;
}

/** Calls `show` exactly once, at `ready()` (a task later), `now()`, or the deadline. */
export type FeedbackScheduler = (show: () => void) => Feedback;

/** Shows at once: for tests and environments without timers. */
export const immediateFeedback: FeedbackScheduler = (show) => {
  show();
  return { ready() {}, now() {} };
};

/** Well inside the 100 ms within which a response to input still feels immediate. */
export const FEEDBACK_DEADLINE_MS = 50;

export function deferredFeedback(deadlineMs = FEEDBACK_DEADLINE_MS): FeedbackScheduler {
  return (show) => {
    let shown = false;
    const fire = () => {
      if (shown) return;
      shown = true;
      clearTimeout(deadline);
      show();
    };
    const deadline = setTimeout(fire, deadlineMs);
    return {
      // A task, not a microtask: the SDK's request chain runs in microtasks and reaches fetch() first.
      ready: () => void setTimeout(fire, 0),
      now: fire,
    };
  };
}
