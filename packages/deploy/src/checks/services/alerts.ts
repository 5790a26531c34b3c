import type { ServiceExpectations } from './expectations';

export const alerts: ServiceExpectations = {
  defaultedParams: {
    alarmEmail:
      'empty unless an operator gives one (compose params, --param or GALLERY_ALARM_EMAIL): then the topic has no email subscription',
  },
};
