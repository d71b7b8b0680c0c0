"""What each line of a split e-mail body is, shared by the splitter's parts."""

#: What a line is; a list footer or webmail ad goes with the quoted text (nobody's own);
#: a closing (the sign-off and the name under it) is own text just above the signature.
_OWN, _QUOTED, _SIGNATURE, _FOOTER, _CLOSING = 0, 1, 2, 3, 4

#: Lines longer than this are prose, never a header, a sign-off or a signature line.
_MAX_HEADER_CHARS = 600

#: How many of a block's last lines are searched for a signature start.
_SIGNATURE_WINDOW = 40
