/// What one span means to the agent model, whatever convention it was written in: the neutral
/// facts an interpreter produces and the store applies. Unknown ids are `.empty`.
struct SpanFacts: Sendable {
    enum Activity: UInt8, Sendable {
        case other
        /// An agent (or workflow) run: a task of its own when nested in another run.
        case run
        /// One call to a model.
        case modelCall
        /// One tool call.
        case toolCall
    }

    var activity = Activity.other
    /// Run: a workflow of several agents rather than one agent (a task, not an agent).
    var isWorkflow = false
    /// Run: the agent's name and id.
    var agent = StringID.empty
    var agentID = StringID.empty
    /// Tool call: the tool, its call id and its arguments as sent (JSON text).
    var tool = StringID.empty
    var toolCallID = StringID.empty
    var arguments = StringID.empty
    /// Model call: the text of its request (identical requests are a loop), the model asked
    /// for and the one that answered.
    var request = StringID.empty
    var requestedModel = StringID.empty
    var servedModel = StringID.empty
    /// Model call: the answer was cut off (`finish_reason` length / max_tokens).
    var truncated = false

    var isRun: Bool { activity == .run }
}
