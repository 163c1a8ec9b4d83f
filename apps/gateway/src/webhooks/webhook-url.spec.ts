import { isWebhookUrl } from './webhook-url';

describe('isWebhookUrl', () => {
  it.each(['https://vendor.example.jp/hook', 'http://127.0.0.1:8080/x?y=1'])('accepts %p', (url) =>
    expect(isWebhookUrl(url)).toBe(true),
  );

  it.each([
    'ftp://vendor.example.jp/hook',
    'file:///etc/passwd',
    'javascript:alert(1)',
    '/relative/path',
    'https://user:pw@vendor.example.jp/',
    'not a url',
  ])('rejects %p', (url) => expect(isWebhookUrl(url)).toBe(false));
});
