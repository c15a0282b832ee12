import type { FeatureHandlers, HandlerContext } from '../handler-types';

type HelpCallMethods = 'raiseHelpCall' | 'getHelpCall' | 'listUnitHelpCalls' | 'answerUnitHelpCall';

/** "Call a nurse" and the unit's calls from the other kiosks. */
export function helpCallHandlers({ helpCalls }: HandlerContext): FeatureHandlers<HelpCallMethods> {
  return {
    raiseHelpCall: ({ sessionId, screen }) => helpCalls.raise(sessionId, screen),
    getHelpCall: ({ callId }) => helpCalls.status(callId),
    listUnitHelpCalls: () => helpCalls.listUnitCalls(),
    answerUnitHelpCall: ({ kioskId, localId }, { staff }) => helpCalls.answerUnitCall({ kioskId, localId }, staff),
  };
}
