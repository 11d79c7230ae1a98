;;; eglot-check.el --- Eglot in batch Emacs with the README's setup  -*- lexical-binding: t -*-
;; Loaded after the README's init.el block with the article visited: does
;; what a user would (waits for Flymake's diagnostics, asks for hovers as
;; ElDoc does, picks Cite and a fix from the code action menu, searches the
;; workspace) and writes what Eglot shows as JSON to $CLAIMLENS_CHECK_OUT,
;; which test/editors/eglot.test.ts checks. Waits are bounded and end on events.

(require 'cl-lib)
(require 'json)

(defvar claimlens-check-out (getenv "CLAIMLENS_CHECK_OUT"))
(defvar claimlens-check nil "What Eglot showed, as an alist.")
(defvar claimlens-check-menus nil "The code action menus Eglot offered, latest first.")

(defun claimlens-check-record (key value)
  (push (cons key value) claimlens-check))

(defun claimlens-check-wait (what predicate)
  "Process events until PREDICATE holds; fail after 30 seconds, naming WHAT."
  (let ((deadline (+ (float-time) 30)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (error "Timed out waiting for %s" what))
      (accept-process-output nil 0.05))))

(defun claimlens-check-goto (text)
  (goto-char (point-min))
  (unless (search-forward text nil t) (error "No %S in the buffer" text))
  (goto-char (match-beginning 0)))

(defun claimlens-check-hover ()
  "The hover text at point, formatted as Eglot gives it to ElDoc.
\(ElDoc's own function shows nothing without a window, as in batch Emacs.)"
  (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
    (if hover (substring-no-properties (eglot--hover-info (plist-get hover :contents) (plist-get hover :range))) "")))

(defun claimlens-check-act (text choice)
  "Runs Eglot's code action menu at TEXT and picks the entry starting with CHOICE."
  (claimlens-check-goto text)
  (let ((tick (buffer-modified-tick))
        (last-nonmenu-event ?a))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt items &rest _)
                 (push (vconcat (mapcar #'car items)) claimlens-check-menus)
                 (or (cl-find-if (lambda (title) (string-prefix-p choice title)) (mapcar #'car items))
                     (error "No %S among the actions %S" choice (mapcar #'car items))))))
      (call-interactively #'eglot-code-actions))
    (claimlens-check-wait (format "the edit of %s" choice) (lambda () (/= tick (buffer-modified-tick))))
    (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(condition-case err
    (progn
      ;; The hook eglot-ensure sets runs after a command; batch Emacs runs no command loop.
      (run-hooks 'post-command-hook)
      (claimlens-check-wait "Eglot to connect" (lambda () (eglot-current-server)))
      (claimlens-check-record 'server (plist-get (eglot--server-info (eglot-current-server)) :name))
      (claimlens-check-wait "diagnostics"
                            (lambda () (flymake-start) (flymake-diagnostics)))
      (claimlens-check-record
       'diagnostics
       (vconcat (mapcar (lambda (d) (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)))
                        (flymake-diagnostics))))
      (claimlens-check-goto "140 people")
      (claimlens-check-record 'hover (claimlens-check-hover))
      ;; No code lenses in Eglot: the claim's hover carries its corroboration.
      (claimlens-check-goto "had no part")
      (claimlens-check-record 'claimHover (claimlens-check-hover))
      (claimlens-check-record 'cited (claimlens-check-act "The Pentagon said on Wednesday" "Cite \"Pentagon briefing on Lebanon\""))
      (claimlens-check-record 'fixed (claimlens-check-act "seems productive" "Use the source's wording"))
      (claimlens-check-record
       'symbols
       (vconcat (mapcar (lambda (x) (vector (xref-item-summary x) (xref-location-group (xref-item-location x))))
                        (xref-backend-apropos 'eglot "Blinken")))))
  (error (claimlens-check-record 'error (error-message-string err))))
(claimlens-check-record 'menus (vconcat (reverse claimlens-check-menus)))

(with-temp-file claimlens-check-out
  (insert (json-encode claimlens-check)))
(kill-emacs (if (alist-get 'error claimlens-check) 1 0))
