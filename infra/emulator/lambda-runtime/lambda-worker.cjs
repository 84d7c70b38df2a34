'use strict';
/**
 * One Lambda execution environment: loads the bundle's handler once (the cold start), then runs
 * one invocation at a time sent by the parent over IPC, as Lambda's Node.js runtime does.
 * Plain CommonJS so it runs on the project's Node 24 with no loader, like the bundles themselves.
 */
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

let handler;

process.on('message', async ({ requestId, event, deadline, invokedFunctionArn }) => {
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: `emulator/${process.pid}`,
    invokedFunctionArn,
    awsRequestId: requestId,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    process.send({ requestId, result: result === undefined ? null : result });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    process.send({ requestId, error: { errorType: failure.name, errorMessage: failure.message, trace: String(failure.stack ?? '').split('\n') } });
  }
});
loadHandler().then(
  (loaded) => {
    handler = loaded;
    process.send({ ready: true });
  },
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);

/** As Lambda's Node.js runtime: `<file>.<export>`, the file being <file>.js, .mjs or .cjs (bundles are ES modules, index.mjs). */
async function loadHandler() {
  const [file, exportName] = splitHandler(process.env._HANDLER);
  const base = path.join(process.env.LAMBDA_TASK_ROOT, file);
  const found = ['.js', '.mjs', '.cjs'].map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no ${file}.js, .mjs or .cjs in ${process.env.LAMBDA_TASK_ROOT}`);
  const loaded = (await import(pathToFileURL(found).href))[exportName];
  if (typeof loaded !== 'function') throw new Error(`${process.env._HANDLER} is not a function in ${process.env.LAMBDA_TASK_ROOT}`);
  return loaded;
}

function splitHandler(handlerSetting) {
  const dot = handlerSetting.lastIndexOf('.');
  return [handlerSetting.slice(0, dot), handlerSetting.slice(dot + 1)];
}
