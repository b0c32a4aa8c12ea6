// Live ACD state kept in Asterisk, as channel variables, so that a restarted app can read it back:
// on the caller's channel the queue the call waits in, since when, its language and IVR choices,
// and when an agent answered; on an agent's leg, whose phone it is.
export const QUEUE_VARIABLES = {
  queue: 'CCAPP_QUEUE',
  since: 'CCAPP_QUEUE_SINCE',
  language: 'CCAPP_LANGUAGE',
  choices: 'CCAPP_CHOICES',
  answeredAt: 'CCAPP_ANSWERED_AT',
} as const;

export const AGENT_VARIABLE = 'CCAPP_AGENT_ID';
