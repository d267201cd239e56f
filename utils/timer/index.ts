/** The response timer: how long a customer has waited for an answer, as pure functions of facts and the time. */
export { formatResponseTime, formatTimeLeft, formatWait, stateLabel } from './format';
export {
  parseTimerEvents,
  replySourceSchema,
  timerEventSchema,
  type ReplySource,
  type TimerEvent,
  type TimerEventKind,
} from './events';
export { DEFAULT_TIMER_SETTINGS, timerSettingsSchema, type TimerSettings } from './settings';
export {
  FUTURE_POST_TOLERANCE_MS,
  nextChangeAt,
  responseState,
  targetMs,
  type CountingState,
  type ResponseState,
  type ResponseStateInput,
  type TimerKind,
} from './state';
