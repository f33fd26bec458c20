import { httpsmsWebhooks } from 'sms-webhooks/fetch';
import { options } from '../../recorder';

export const POST = httpsmsWebhooks(options.httpsms);
