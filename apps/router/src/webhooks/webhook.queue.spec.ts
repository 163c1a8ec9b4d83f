import type { Job, Queue } from 'bullmq';
import type { WebhookJobData } from './webhook-job';
import { WebhookQueue } from './webhook.queue';

/** A WebhookQueue over a stub BullMQ queue holding one job. */
function queueWith(job: Partial<Job<WebhookJobData>>): WebhookQueue {
  const queue = Object.create(WebhookQueue.prototype) as WebhookQueue;
  const stub = { getJob: () => Promise.resolve(job) } as unknown as Queue<WebhookJobData>;
  Object.assign(queue, { queue: stub });
  return queue;
}

const data = { eventId: 'e', officeNumber: '1371201369' } as WebhookJobData;

describe('WebhookQueue.replay', () => {
  it('answers in-flight, not an error, when a concurrent replay retried the job first', async () => {
    const job = {
      getState: jest.fn().mockResolvedValueOnce('failed').mockResolvedValueOnce('waiting'),
      retry: jest.fn().mockRejectedValue(new Error('Job e.1371201369 is not in the failed state. retryJob')),
    };
    await expect(queueWith(job).replay('e.1371201369', data)).resolves.toBe('in-flight');
  });

  it('still fails when the job stays failed (a real error)', async () => {
    const job = {
      getState: jest.fn().mockResolvedValue('failed'),
      retry: jest.fn().mockRejectedValue(new Error('connection lost')),
    };
    await expect(queueWith(job).replay('e.1371201369', data)).rejects.toThrow('connection lost');
  });
});
