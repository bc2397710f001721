// Click-to-call: place a call from an agent's extension with user data, print its call ID and UCID.
//   node dist/examples/click-to-call.js [baseUrl] [extension] [destination] [userData]
import { CallwireError, createCallwireClient } from "../src/index.js";

const [baseUrl = "http://127.0.0.1:50051", extension = "101", destination = "102", userData = ""] = process.argv.slice(2);
const client = createCallwireClient({ baseUrl, apiKey: process.env.CALLWIRE_API_KEY });
try {
  const made = await client.callControl.makeCall({ extension, destination, userData });
  console.log(`call ${made.call?.callId} ucid ${made.call?.ucid}`);
} catch (err) {
  if (!(err instanceof CallwireError)) throw err;
  console.log(`call failed: ${err.reason || err.codeName}: ${err.rawMessage}`);
  process.exitCode = 1;
} finally {
  client.close();
}
