// npm run --silent seed -- OFFICE_NUMBER [NAME]
// Registers an office with an active license (or finds it) and prints {"officeNumber", "apiKey"} with a new key.
import 'reflect-metadata';
import { seedOffice } from './lib/seed-office';
import { runTool, toolsEnv } from './lib/tools.env';

runTool('seed', async () => {
  const [officeNumber, ...nameParts] = process.argv.slice(2);
  if (!officeNumber) throw new Error('usage: npm run --silent seed -- OFFICE_NUMBER [NAME]');
  const env = toolsEnv();
  const result = await seedOffice(
    env.DATABASE_URL,
    officeNumber,
    nameParts.join(' ') || `事業所 ${officeNumber}`,
  );
  process.stdout.write(JSON.stringify(result) + '\n');
});
