//! String enums that keep the values they do not know: [`open_enum!`](crate::open_enum).

/// Declares a string enum whose unknown values are kept instead of failing to decode.
///
/// ```
/// ccapi_transport::open_enum! {
///     /// A call's status.
///     pub enum CallStatus {
///         /// The call is ringing.
///         Ringing = "ringing",
///         /// The call is up.
///         OnCall = "on-call",
///     }
/// }
/// let status: CallStatus = serde_json::from_str(r#""parked""#).unwrap();
/// assert_eq!(status, CallStatus::Unknown("parked".into()));
/// assert_eq!(status.as_str(), "parked");
/// assert_eq!(serde_json::to_string(&CallStatus::OnCall).unwrap(), r#""on-call""#);
///
/// // What a caller sends must be documented:
/// assert_eq!(CallStatus::documented("status", "on-call").unwrap(), CallStatus::OnCall);
/// let refused = CallStatus::documented("status", "parked").unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "invalid input for `status`: `parked` is not one of ringing, on-call"
/// );
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, kept as received.
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every documented value, in documentation order.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The value as the provider writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Unknown(text) => text,
                }
            }

            /// One of the documented values, for what a caller sends (`FromStr` keeps any
            /// value, as answers need); anything else is an
            /// [`Error::InvalidInput`]($crate::Error::InvalidInput) for `field`.
            pub fn documented(field: &'static str, text: &str) -> ::std::result::Result<Self, $crate::Error> {
                match text {
                    $( $text => ::std::result::Result::Ok(Self::$variant), )+
                    other => ::std::result::Result::Err($crate::Error::invalid_input(
                        field,
                        ::std::format!("`{other}` is not one of {}", Self::KNOWN.join(", ")),
                    )),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(match text {
                    $( $text => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                // A visitor of its own, so that a documented value borrows the text instead of
                // allocating a `String` only to drop it.
                struct __TextVisitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for __TextVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<__E: $crate::__private::serde::de::Error>(
                        self,
                        text: &str,
                    ) -> ::std::result::Result<$name, __E> {
                        ::std::result::Result::Ok(match text {
                            $( $text => $name::$variant, )+
                            other => $name::Unknown(other.to_owned()),
                        })
                    }
                    fn visit_string<__E: $crate::__private::serde::de::Error>(
                        self,
                        text: ::std::string::String,
                    ) -> ::std::result::Result<$name, __E> {
                        ::std::result::Result::Ok(match text.as_str() {
                            $( $text => $name::$variant, )+
                            _ => $name::Unknown(text),
                        })
                    }
                }
                deserializer.deserialize_str(__TextVisitor)
            }
        }
    };
}
