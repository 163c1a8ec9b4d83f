// npm run --silent seed -- OFFICE_NUMBER [NAME] [--kind KIND] [--campaign none]
// Registers an office in the registry with a license starting today (or finds it) and issues a new key, through the
// running archive's operations API (OPS_URL; OPS_TOKEN or an operator made for the seed), waits until the gateway
// (GATEWAY_URL) takes the key, and prints {"officeNumber", "apiKey"}. `--campaign none`: the license is paid
// whatever the campaigns say.
import 'reflect-metadata';
import { runTool, seederFromEnv, toolsEnv } from './lib/tools.env';

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
  const result = await seederFromEnv(toolsEnv()).seed(
    officeNumber,
    nameParts.join(' ') || `事業所 ${officeNumber}`,
    {
      kind,
      campaigns: campaign !== 'none',
    },
  );
  process.stdout.write(JSON.stringify(result) + '\n');
});
