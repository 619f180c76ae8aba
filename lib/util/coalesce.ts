// Single-flight with one rerun: a call while the task runs makes it run exactly once more when it ends, and
// every caller gets the promise of the run that covers their call.
export function coalesce<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: T;
      do {
        again = false;
        result = await task();
      } while (again);
      return result;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
}
