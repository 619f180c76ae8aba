// The one way UI models talk to the background. Models take it through their factories, so tests pass a fake.
import type { sendMessage } from '../messaging';

export type Send = typeof sendMessage;
