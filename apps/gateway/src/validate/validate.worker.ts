// Entry point of the dry run's worker threads (see ValidateService).
import { serveWorker } from '../workers/serve-worker';
import { checkCsvFiles } from './csv-check.task';

serveWorker(checkCsvFiles);
