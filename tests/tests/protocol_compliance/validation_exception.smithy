$version: "2.0"

// The restJson1 suite's server validation operations name the error
// `smithy.framework#ValidationException`, which ships with the Smithy validation model, not
// with the suite. This is a stand-in with the same shape, so that the suite loads; no
// client case reads it.

namespace smithy.framework

/// A request broke the model's constraints.
@error("client")
structure ValidationException {
    /// A summary of the problems.
    @required
    message: String

    /// One entry per member in error.
    fieldList: ValidationExceptionFieldList
}

/// One member in error.
structure ValidationExceptionField {
    /// A JSON pointer to the member.
    @required
    path: String

    /// What is wrong with it.
    @required
    message: String
}

list ValidationExceptionFieldList {
    member: ValidationExceptionField
}
