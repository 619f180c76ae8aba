// The carrier's automatic answers to keyword messages (fictional wording; carriers word these themselves).
import type { KeywordAction } from './rules.ts';

export function carrierReply(keyword: KeywordAction, companyName: string): string {
  switch (keyword) {
    case 'optOut':
      return `${companyName}: You have been unsubscribed and will receive no more messages from this number. Reply START to resubscribe.`;
    case 'optIn':
      return `${companyName}: You have been resubscribed to messages from this number. Reply STOP to unsubscribe.`;
    case 'help':
      return `${companyName}: Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.`;
  }
}
