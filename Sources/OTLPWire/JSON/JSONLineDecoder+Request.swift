import SpanCore

/// The OTLP request structure: resourceSpans → scopeSpans → spans.
extension JSONLineDecoder {
    mutating func readResourceSpansList() throws(JSONFailure) {
        try openArray()
        var first = true
        var i = 0
        while try nextElement(&first) {
            do throws(JSONFailure) {
                try readResourceSpans(i)
            } catch {
                throw error.under(index: i)
            }
            i += 1
        }
    }

    /// One `ResourceSpans`. Its resource is placed first so spans can point at it whatever the
    /// key order; a resource left without spans is taken out again.
    private mutating func readResourceSpans(_ r: Int) throws(JSONFailure) {
        let mark = batch.mark
        let spansBefore = batch.spans.count
        let resourceIndex = UInt32(batch.resources.count)
        batch.resources.append(BatchResource())
        var resource = BatchResource()
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .resource:
                    try readResource(&resource)
                case .scopeSpans:
                    try openArray()
                    var firstScope = true
                    var s = 0
                    while try nextElement(&firstScope) {
                        do throws(JSONFailure) {
                            try readScopeSpans(resourceIndex, r, s)
                        } catch {
                            throw error.under(index: s)
                        }
                        s += 1
                    }
                case .schemaUrl:
                    resource.schemaURL = try readStringValue()
                default:
                    try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
        if batch.spans.count == spansBefore {
            batch.rollback(to: mark)
        } else {
            batch.resources[Int(resourceIndex)] = resource
        }
    }

    /// One `ScopeSpans`, placed like a resource: first, and taken out again when it has no spans.
    private mutating func readScopeSpans(_ resourceIndex: UInt32, _ r: Int, _ s: Int) throws(JSONFailure) {
        let mark = batch.mark
        let spansBefore = batch.spans.count
        let scopeIndex = UInt32(batch.scopes.count)
        batch.scopes.append(BatchScope(resourceIndex: resourceIndex))
        var scope = BatchScope(resourceIndex: resourceIndex)
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .scope:
                    try readScope(&scope)
                case .spans:
                    try openArray()
                    var firstSpan = true
                    var i = 0
                    while try nextElement(&firstSpan) {
                        do throws(JSONFailure) {
                            try readSpan(scopeIndex, SpanLocation(resource: r, scope: s, span: i))
                        } catch {
                            throw error.under(index: i)
                        }
                        i += 1
                    }
                case .schemaUrl:
                    scope.schemaURL = try readStringValue()
                default:
                    try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
        if batch.spans.count == spansBefore {
            batch.rollback(to: mark)
        } else {
            batch.scopes[Int(scopeIndex)] = scope
        }
    }

    /// A `Resource` object (also the `resource` of a flat span line).
    mutating func readResource(_ resource: inout BatchResource) throws(JSONFailure) {
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .attributes: resource.attributes = try readAttributes(sub: false)
                case .droppedAttributesCount: resource.droppedAttributes = try readUInt32()
                default: try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
    }

    /// An `InstrumentationScope` object (also the `scope` of a flat span line).
    mutating func readScope(_ scope: inout BatchScope) throws(JSONFailure) {
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .name: scope.name = try readStringValue()
                case .version: scope.version = try readStringValue()
                case .attributes: scope.attributes = try readAttributes(sub: false)
                case .droppedAttributesCount: scope.droppedAttributes = try readUInt32()
                default: try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
    }
}

/// Where a span sits in its request, for rejection reasons.
struct SpanLocation {
    var resource: Int
    var scope: Int
    var span: Int
    var path: String { "resourceSpans[\(resource)].scopeSpans[\(scope)].spans[\(span)]" }
}
