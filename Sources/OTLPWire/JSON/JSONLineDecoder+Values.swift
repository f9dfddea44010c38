import SpanCore

/// Attribute lists and values: OTLP `KeyValue`/`AnyValue` objects, or plain JSON in flat lines.
extension JSONLineDecoder {
    /// An attribute list: an OTLP array of `{"key", "value"}` objects, or (flat lines) a plain
    /// JSON object. Appended to `batch.attributes`, or to `batch.subAttributes` for events and links.
    mutating func readAttributes(sub: Bool) throws(JSONFailure) -> RecordRange {
        let start = sub ? batch.subAttributes.count : batch.attributes.count
        let c = try peek()
        if c == UInt8(ascii: "[") {
            try openArray()
            var first = true
            var i = 0
            while try nextElement(&first) {
                do throws(JSONFailure) {
                    let attribute = try readKeyValue(depth: 0)
                    if sub { batch.subAttributes.append(attribute) } else { batch.attributes.append(attribute) }
                } catch {
                    throw error.under(index: i)
                }
                i += 1
            }
        } else if c == UInt8(ascii: "{") {
            try openObject()
            var first = true
            while try nextMember(&first) {
                let key = try readMapKey()
                do throws(JSONFailure) {
                    let attribute = BatchAttribute(key: key, value: try readPlainValue(depth: 0))
                    if sub { batch.subAttributes.append(attribute) } else { batch.attributes.append(attribute) }
                } catch {
                    throw error.under(entry: batch.string(key))
                }
            }
        } else {
            throw mismatch("an attribute list")
        }
        let count = (sub ? batch.subAttributes.count : batch.attributes.count) - start
        return RecordRange(start: UInt32(start), count: UInt32(count))
    }

    /// A `KeyValue` object.
    mutating func readKeyValue(depth: Int) throws(JSONFailure) -> BatchAttribute {
        var attribute = BatchAttribute(key: .empty, value: .empty)
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .key: attribute.key = try readStringValue()
                case .value: attribute.value = try readAnyValue(depth: depth)
                default: try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
        return attribute
    }

    /// An `AnyValue` object; `{}` is the empty value. `depth` counts the lists around it.
    mutating func readAnyValue(depth: Int) throws(JSONFailure) -> BatchValue {
        var value = BatchValue.empty
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .stringValue: value = .string(try readStringValue())
                case .boolValue: value = .bool(try readBool())
                case .intValue: value = .int(try readInt64())
                case .doubleValue: value = .double(try readDouble())
                case .arrayValue: value = try readList(keyed: false, depth: depth)
                case .kvlistValue: value = try readList(keyed: true, depth: depth)
                case .bytesValue: value = .bytes(try readBase64())
                default: try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
        return value
    }

    /// An `ArrayValue` or `KeyValueList` object. Its children collect on `pending` (their own
    /// children are placed as they close) and land in `batch.nested` as one contiguous block.
    private mutating func readList(keyed: Bool, depth: Int) throws(JSONFailure) -> BatchValue {
        try checkValueDepth(depth)
        let base = pending.count
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                if field != .values {
                    try skipValue()
                    continue
                }
                try openArray()
                var firstElement = true
                var i = 0
                while try nextElement(&firstElement) {
                    do throws(JSONFailure) {
                        if keyed {
                            pending.push(try readKeyValue(depth: depth + 1))
                        } else if try peek() == UInt8(ascii: "n") {
                            try literal("null")
                            pending.push(BatchAttribute(key: .empty, value: .empty))
                        } else {
                            pending.push(BatchAttribute(key: .empty, value: try readAnyValue(depth: depth + 1)))
                        }
                    } catch {
                        throw error.under(index: i)
                    }
                    i += 1
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
        let range = pending.commit(from: base, to: &batch.nested)
        return keyed ? .kvlist(range) : .array(range)
    }

    /// A plain JSON value of a flat line: strings, booleans, integers, doubles, arrays, objects
    /// (as key-value lists) and null (the empty value).
    mutating func readPlainValue(depth: Int) throws(JSONFailure) -> BatchValue {
        switch try peek() {
        case UInt8(ascii: "\""):
            return .string(try scanString(copy: true))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool())
        case UInt8(ascii: "n"):
            try literal("null")
            return .empty
        case UInt8(ascii: "["):
            try checkValueDepth(depth)
            let base = pending.count
            try openArray()
            var first = true
            var i = 0
            while try nextElement(&first) {
                do throws(JSONFailure) {
                    pending.push(BatchAttribute(key: .empty, value: try readPlainValue(depth: depth + 1)))
                } catch {
                    throw error.under(index: i)
                }
                i += 1
            }
            return .array(pending.commit(from: base, to: &batch.nested))
        case UInt8(ascii: "{"):
            try checkValueDepth(depth)
            let base = pending.count
            try openObject()
            var first = true
            while try nextMember(&first) {
                let key = try readMapKey()
                do throws(JSONFailure) {
                    pending.push(BatchAttribute(key: key, value: try readPlainValue(depth: depth + 1)))
                } catch {
                    throw error.under(entry: batch.string(key))
                }
            }
            return .kvlist(pending.commit(from: base, to: &batch.nested))
        default:
            if let special = try bareSpecialDouble() { return .double(special) }
            let n = try scanNumber()
            if n.isInteger, let i = n.int64 { return .int(i) }
            // Integers too big for 64 bits become doubles, as most JSON readers do.
            guard let d = n.double else { throw JSONFailure("\(n.text) is out of range for a double") }
            return .double(d)
        }
    }

    /// A plain object's key, copied into the arena, and its colon.
    private mutating func readMapKey() throws(JSONFailure) -> ByteRef {
        let key = try scanString(copy: true)
        guard try peek() == UInt8(ascii: ":") else { throw syntax("':' after a key") }
        p += 1
        return key
    }

    private func checkValueDepth(_ depth: Int) throws(JSONFailure) {
        if depth >= WireLimits.maxValueDepth {
            throw JSONFailure("attribute values nested deeper than \(WireLimits.maxValueDepth) levels")
        }
    }

    /// A base64 string (standard or URL-safe alphabet, padding optional), decoded in the arena.
    private mutating func readBase64() throws(JSONFailure) -> ByteRef {
        // Unescape into the arena first ("\/" is a legal way to write "/"), then decode in place:
        // the decoded bytes are shorter, so writing never overtakes reading.
        let text = try readStringValue()
        let count = Int(text.length)
        let decoded = batch.bytes.withUnsafeMutableBufferPointer { buf -> Int? in
            count == 0 ? 0 : JSONBase64.decodeInPlace(buf.baseAddress! + Int(text.offset), count: count)
        }
        guard let decoded else { throw JSONFailure("bytesValue is not valid base64") }
        batch.bytes.removeLast(count - decoded)
        return ByteRef(offset: text.offset, length: UInt32(decoded))
    }
}

extension JSONFailure {
    /// The same failure, inside the plain-object entry `key`.
    func under(entry key: String) -> JSONFailure {
        var escaped = ""
        for ch in key.prefix(64) {
            escaped += ch == "\"" ? "\\\"" : String(ch)
        }
        return under("[\"\(escaped)\"]")
    }
}
