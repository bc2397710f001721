"""Commands that compose the simulator, the server and the gateway: `callwire up` and `callwire gateway`."""
