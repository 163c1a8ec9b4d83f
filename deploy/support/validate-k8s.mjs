// Validates Kubernetes objects against the schemas of the kubernetes-models package (ES modules only, hence a
// child process of the Jest test deploy/k8s.spec.ts). Reads a JSON array of objects on stdin and prints a JSON
// array of problems, `[]` when every object is valid.
import { readFileSync } from 'node:fs';

const docs = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const doc of docs) {
  const where = `${doc?.kind} ${doc?.metadata?.name}`;
  try {
    // apps/v1 + Deployment → kubernetes-models/apps/v1/Deployment; the core group is plain v1.
    const module = await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`);
    new module[doc.kind](doc).validate();
  } catch (e) {
    problems.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
process.stdout.write(JSON.stringify(problems));
