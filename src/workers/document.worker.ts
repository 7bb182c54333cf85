// Web worker entry: parses one file per message, off the page. pdf.js and papaparse are imported
// only when a PDF or CSV arrives (see parseDocument and pdfjsLoader).
import { handleParseRequest, isParseRequest, type ParseReply } from './workerProtocol.ts';

self.onmessage = (event: MessageEvent<unknown>) => {
  if (!isParseRequest(event.data)) return;
  // pdf.js runs inside this worker (its fake-worker mode), where there is no document: it must
  // fetch the CMaps and standard fonts itself.
  void handleParseRequest(event.data, (reply: ParseReply) => self.postMessage(reply), { useWorkerFetch: true });
};
