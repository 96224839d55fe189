import { ConsoleLogger } from '@nestjs/common';

/** Nest's start-up chatter (every module and route) buries the lines an operator needs. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

export class QuietStartLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && START_UP_CONTEXTS.has(context) && !this.isLevelEnabled('debug')) return;
    super.log(message, context);
  }
}
