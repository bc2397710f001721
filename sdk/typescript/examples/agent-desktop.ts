// Agent desktop: log in at a station, follow its events, answer what rings, and go to after-call work when the
// call ends. Stops after `calls` calls (0: run until interrupted).
//   node dist/examples/agent-desktop.js [baseUrl] [extension] [agentId] [password] [split] [calls]
import { createCallwireClient } from "../src/index.js";
import { WorkMode } from "../src/gen/callwire/agent/v1/enums_pb.js";

const [baseUrl = "http://127.0.0.1:50051", extension = "101", agentId = "12345", password = "67890", split = "201", calls = "0"] =
  process.argv.slice(2);
const client = createCallwireClient({ baseUrl, apiKey: process.env.CALLWIRE_API_KEY });
await client.agent.login({ extension, agentId, password, split, initialWorkMode: WorkMode.AUTO_IN });
console.log(`agent ${agentId} logged in at ${extension}`);
let handled = 0;
for await (const item of client.events.stream({ devices: [extension] })) {
  if (item.case === "snapshot") {
    console.log("ready"); // the stream is live: nothing that rings from now on is missed
  } else if (item.case === "resumeGap") {
    console.log("events were missed; a fresh snapshot follows");
  } else if (item.value.device === extension) {
    const event = item.value;
    if (event.attributes.case === "offered") {
      console.log(`ringing: call ${event.call?.callId} from ${event.attributes.value.calling}`);
      await client.callControl.answerCall({ extension, callId: event.call?.callId ?? "" });
    } else if (event.attributes.case === "connected") {
      console.log("talking");
    } else if (event.attributes.case === "disconnected") {
      await client.agent.setAgentState({ extension, workMode: WorkMode.AFTER_CALL_WORK });
      handled += 1;
      console.log("after-call work");
      if (Number(calls) && handled >= Number(calls)) break;
    }
  }
}
client.close();
