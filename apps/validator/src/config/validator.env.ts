import { CommonEnv } from '@careplan/platform';

export class ValidatorEnv extends CommonEnv {
  override PORT = 3001;
  override INTERNAL_PORT = 3101;
}
