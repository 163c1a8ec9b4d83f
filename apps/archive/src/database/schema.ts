export const ARCHIVE_SCHEMA = 'archive';
