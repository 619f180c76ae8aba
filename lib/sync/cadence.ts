// How often the alarm backstop runs an ISync of both streams: rarely while push works, often while it is down.
export const PERIOD_WITH_PUSH_MIN = 5;
export const PERIOD_WITHOUT_PUSH_MIN = 1;
