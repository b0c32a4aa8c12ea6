// The first Stasis argument says who owns a channel entering the app: `inbound` calls from the
// trunk (the call service), legs the ACD dials (agents' phones, overflow numbers), and feature
// codes from agents' phones, the legs of a click-to-call, and snoops.
export const INBOUND_STASIS_KIND = 'inbound';
export const ACD_STASIS_KIND = 'acd-leg';
export const FEATURE_STASIS_KIND = 'feature';
/** A snoop on a call's channel (its recording, later supervision's listening). */
export const SNOOP_STASIS_KIND = 'snoop';
/** The two legs of a click-to-call (app/outbound). */
export const OUTBOUND_STASIS_KIND = 'outbound-leg';
