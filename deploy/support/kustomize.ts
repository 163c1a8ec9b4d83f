// The part of kustomize that deploy/k8s uses, so that the manifests are rendered and checked without kubectl:
// resources (files and kustomization folders), namespace, images, replicas and strategic-merge patches
// (maps merged, lists of named items merged by name, anything else replaced). Any other field is refused
// rather than ignored, so a kustomization never means more than this test renders.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type K8sDoc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'patches']);

export function render(dir: string): K8sDoc[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0)
    throw new Error(`${dir}: unsupported kustomization fields ${unsupported.join(', ')}`);
  const docs = (k.resources ?? []).flatMap((r) => {
    const path = join(dir, r);
    return statSync(path).isDirectory() ? render(path) : readDocs(path);
  });
  for (const p of k.patches ?? []) {
    const patch = parse(readFileSync(join(dir, p.path), 'utf8')) as K8sDoc;
    const target = docs.find((d) => d.kind === patch.kind && d.metadata.name === patch.metadata.name);
    if (!target) throw new Error(`${join(dir, p.path)}: no ${patch.kind} ${patch.metadata.name} to patch`);
    merge(target, patch);
  }
  if (k.namespace) for (const d of docs) d.metadata.namespace = k.namespace;
  for (const image of k.images ?? []) for (const c of docs.flatMap(containersOf)) retag(c, image);
  for (const r of k.replicas ?? []) {
    const target = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === r.name);
    if (!target) throw new Error(`${dir}: replicas of a Deployment ${r.name} that is not there`);
    (target.spec as Record<string, unknown>).replicas = r.count;
  }
  return docs;
}

export function readDocs(path: string): K8sDoc[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${path}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as K8sDoc;
  });
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  [k: string]: unknown;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
    [k: string]: unknown;
  };
}

/** The pod template's containers of a Deployment or a Job (none for other kinds). */
export function containersOf(doc: K8sDoc): Container[] {
  if (doc.kind !== 'Deployment' && doc.kind !== 'Job') return [];
  const spec = (
    doc.spec as { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } }
  ).template?.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
}

function retag(c: Container, image: { name: string; newName?: string; newTag?: string }): void {
  const [name, tag] = (c.image ?? '').split(':');
  if (name !== image.name) return;
  const newTag = image.newTag ?? tag;
  c.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
}

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const named = (v: unknown): v is Json[] =>
  Array.isArray(v) && v.every((x) => isMap(x) && typeof x.name === 'string');

/** Strategic merge as kustomize applies it to these kinds: null deletes, named lists merge by name. */
function merge(target: Json, patch: Json): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (value === null) delete target[key];
    else if (isMap(current) && isMap(value)) merge(current, value);
    else if (named(current) && named(value)) {
      for (const item of value) {
        const same = current.find((c) => c.name === item.name);
        if (same) merge(same, item);
        else current.push(item);
      }
    } else target[key] = value;
  }
}

export const K8S_DIR = join(dirname(__dirname), 'k8s');
