// npm run --silent seed -- OFFICE_NUMBER [NAME] [--kind KIND] [--campaign none]
// Registers an office in the registry with a license starting today (or finds it), issues a new key in the
// gateway, and prints {"officeNumber", "apiKey"}. `--campaign none`: the license is paid whatever the campaigns say.
import 'reflect-metadata';
import { seedOffice } from './lib/seed-office';
import { runTool, toolsEnv } from './lib/tools.env';

const USAGE = 'usage: npm run --silent seed -- OFFICE_NUMBER [NAME] [--kind KIND] [--campaign none]';

function parseArgs(argv: string[]): { positional: string[]; kind?: string; campaign?: string } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = /^--(kind|campaign)$/.exec(argv[i]);
    if (!flag) positional.push(argv[i]);
    else if (argv[i + 1] === undefined) throw new Error(USAGE);
    else flags[flag[1]] = argv[++i];
  }
  return { positional, kind: flags.kind, campaign: flags.campaign };
}

runTool('seed', async () => {
  const { positional, kind, campaign } = parseArgs(process.argv.slice(2));
  const [officeNumber, ...nameParts] = positional;
  if (!officeNumber || (campaign !== undefined && campaign !== 'none')) throw new Error(USAGE);
  const result = await seedOffice(
    toolsEnv().DATABASE_URL,
    officeNumber,
    nameParts.join(' ') || `事業所 ${officeNumber}`,
    {
      kind,
      campaigns: campaign !== 'none',
    },
  );
  process.stdout.write(JSON.stringify(result) + '\n');
});
