/** Who acted when no operator account exists yet (the create-admin command). */
export const COMMAND_LINE = { id: null, name: 'command-line' } as const;

// Features and tools import the audit write from here; its statement lives with the audit log's others.
export { recordAudit } from './audit.repository';
