package dev.gsync.state;

/**
 * The credential store cannot do what was asked without risking a secret: no key to seal it with, or a stored
 * value that does not open with the configured key. Messages name the user and the secret, never its value.
 */
public class CredentialException extends RuntimeException {
    public CredentialException(String message) {
        super(message);
    }
}
