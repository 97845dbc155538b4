import { describe, it, expect } from 'vitest';
import { tokenShape, classifyValue, redactDeep, REDACTED, isPlaceholder } from '../src/lib/secrets.js';

// Test values are assembled from pieces so no credential-shaped literal sits in the repository as one string.
const slack = ['https://hooks.slack.com/services', 'T0AB12CD3', 'B0EF45GH6', 'm2Qv8LzT4pXw9RkN3bYc7HsD'].join('/');
const discord = ['https://discord.com/api/webhooks', '112233445566778899', 'Zk3-pQ9_vL2mW8xR4tN7bY1cH5sD0fG6jK3aE9uI2oP8qT4rV7wX1yZ5nM0bC3dF'].join('/');
const teams = [
  'https://contoso.webhook.office.com/webhookb2',
  '3f2a9c1e-7b4d-4e8a-9c2f-1d5b7e3a9f0c@8e1d4b2a-6c9f-4a7e-b3d5-2f8c1a9e7b4d',
  'IncomingWebhook',
  '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
  '5c7e9a1b-3d5f-4b8a-a2c4-6e8f0a2b4d6c',
].join('/');

describe('webhook and URL credentials (src/lib/secrets.ts)', () => {
  it('Slack, Discord and Teams webhook URLs are credentials, alone or inside text', () => {
    expect(tokenShape(slack)).toBe('Slack webhook URL');
    expect(tokenShape(`curl -X POST ${slack} -d @msg.json`)).toBe('Slack webhook URL');
    expect(tokenShape(discord)).toBe('Discord webhook URL');
    expect(tokenShape(discord.replace('discord.com', 'discordapp.com'))).toBe('Discord webhook URL');
    expect(tokenShape(teams)).toBe('Microsoft Teams webhook URL');
    expect(tokenShape(['https://hooks.slack.com/workflows', 'T0AB12CD3', 'A05QW7ERT9Y', '482910573829104857', 'Hq5Tz0Lm8vRb2YcN7wQe4sKd'].join('/'))).toBe('Slack webhook URL');
    // The name says URL (a pointer name), the value is still a secret.
    expect(classifyValue('SLACK_WEBHOOK_URL', slack).kind).toBe('secret');
  });

  it('documentation placeholders of the same shapes are not', () => {
    expect(tokenShape(['https://hooks.slack.com/services', 'T00000000', 'B00000000', 'XXXXXXXXXXXXXXXXXXXXXXXX'].join('/'))).toBeUndefined();
    expect(tokenShape('https://hooks.slack.com/services/T00000000/B00000000/${WebhookToken}')).toBeUndefined();
    expect(tokenShape('https://hooks.slack.com/services/')).toBeUndefined();
    expect(tokenShape('https://discord.com/api/webhooks/{id}/{token}')).toBeUndefined();
  });

  it('query strings carrying a signature, token or API key of secret-looking length are credentials', () => {
    const logicApp = 'https://prod-27.westeurope.logic.azure.com:443/workflows/a1b2c3d4/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Qx7vK2mP9rT4wL8zN3cB6hY1dF5gJ0sA2eU7iO4pR9t';
    expect(tokenShape(logicApp)).toBe('URL with a credential in its query string (sig=)');
    expect(tokenShape('https://api.partner.io/v2/ingest?source=shop&api_key=4f9a2c7e1b8d3f6a0c5e9b2d7f1a4c8e')).toMatch(/api_key=/);
    expect(tokenShape('https://func-orders.azurewebsites.net/api/hook?code=Zb8kQ2xV7nP4mL9wR3tY6cH1sD5fG0jA')).toMatch(/code=/);
    expect(classifyValue('CALLBACK', logicApp).kind).toBe('secret');
  });

  it('plain URLs, placeholders, example hosts and short or wordy parameters are not', () => {
    for (const v of [
      'https://api.partner.io/v2/ingest',
      'https://api.partner.io/v2/ingest?page=2&limit=100',
      'https://api.partner.io/v2/ingest?token=abc123',
      'https://api.partner.io/v2/ingest?token=${AWS::StackName}-${Token}',
      'https://api.partner.io/v2/ingest?api_key=YOUR_API_KEY_GOES_HERE_1234',
      'https://api.example.com/hook?token=4f9a2c7e1b8d3f6a0c5e9b2d7f1a4c8e',
      'https://example.org/x?sig=Qx7vK2mP9rT4wL8zN3cB6hY1dF5gJ0sA',
      'https://api.partner.io/v2/ingest?mode=everything_about_tokens_is_fine',
      'https://hooks.slack.com/',
      'https://www.googleapis.com/compute/v1/projects/p/zones/z/instances?maxResults=500&pageToken=abc',
    ])
      expect(tokenShape(v), v).toBeUndefined();
    expect(isPlaceholder('${AWS::AccountId}')).toBe(true);
    expect(isPlaceholder('<token>')).toBe(true);
    expect(isPlaceholder('Qx7vK2mP9rT4wL8zN3cB')).toBe(false);
  });

  it('such URLs are redacted wherever evidence or raw material holds them', () => {
    const out = redactDeep({ Variables: { HOOK: slack }, note: `posts to ${discord}` }) as { Variables: { HOOK: string }; note: string };
    expect(out.Variables.HOOK).toBe(REDACTED);
    expect(out.note).toBe(REDACTED);
  });
});

describe('token shapes on hostile text', () => {
  // 200,000 characters each: linear checks take milliseconds; a pattern that backtracks
  // quadratically (as the JWT and URL shapes did from every `-eyJ` / every letter) takes minutes.
  it('finish on long strings built to make a backtracking pattern explode', { timeout: 60_000 }, () => {
    const n = 200_000;
    const values = [
      '?= ' + 'https://' + 'a'.repeat(n),
      '?= ' + 'https://x/'.repeat(n / 10),
      'a-'.repeat(n / 2) + 'webhook.office.com',
      'hooks.slack.com/services/T' + 'A'.repeat(n),
      '-eyJ'.repeat(n / 4),
      'a-'.repeat(n / 2) + '://u@',
    ];
    for (const v of values) expect(tokenShape(v)).toBeUndefined();
  });
});
