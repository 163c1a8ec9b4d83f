import { CommonEnv } from '@careplan/platform';

export class RouterEnv extends CommonEnv {
  override PORT = 3002;
}
