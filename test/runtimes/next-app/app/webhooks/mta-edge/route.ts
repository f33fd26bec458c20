import { mtaWebhooks } from 'sms-webhooks/fetch';
import { SECRET } from '../../../../apps/settings';

// The Edge runtime: no node:crypto, no Buffer. Its handlers run in their own sandbox, so this route only answers.
export const runtime = 'edge';
export const POST = mtaWebhooks({ secret: SECRET, limit: '4kb' });
