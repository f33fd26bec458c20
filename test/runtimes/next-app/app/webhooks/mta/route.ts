import { mtaWebhooks } from 'sms-webhooks/fetch';
import { options } from '../../recorder';

export const POST = mtaWebhooks(options.mta);
