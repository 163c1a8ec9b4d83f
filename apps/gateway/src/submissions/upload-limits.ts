export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');
